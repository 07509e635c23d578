package dev.truthordare.cms.bench;

import dev.truthordare.cms.content.quality.NearDuplicateIndex;
import dev.truthordare.events.ContentType;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time of one near-duplicate check against a catalogue of N truths, sampled so JMH
 * reports percentiles (p99). The catalogue is generated from party-game templates, so
 * texts share openings the way real ones do. Run with bench/cms-near-duplicates.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NearDuplicateBenchmark {

	private static final String[] OPENINGS = { "What is your", "Who was your", "When did you last", "Have you ever",
			"What would you do with your", "Which", "Tell us about your", "Why did you hide your" };

	private static final String[] WORDS = ("biggest secret fear dream crush mistake habit friend teacher song movie "
			+ "holiday birthday school job pet sibling parent phone photo lie gift meal city country game book "
			+ "party dance costume nickname talent weakness regret wish hobby sport team car bike garden kitchen "
			+ "window neighbour cousin grandma boss colleague diary password selfie message emoji playlist")
		.split(" ");

	@Param({ "100000" })
	int catalogueSize;

	private NearDuplicateIndex index;

	private String[] probes;

	private int next;

	@Setup
	public void buildCatalogue() {
		SplittableRandom random = new SplittableRandom(42);
		index = new NearDuplicateIndex(0.8);
		for (int i = 0; i < catalogueSize; i++) {
			index.put("t" + i, ContentType.TRUTH, text(random));
		}
		probes = new String[4096];
		for (int i = 0; i < probes.length; i++) {
			probes[i] = text(random);
		}
	}

	private static String text(SplittableRandom random) {
		StringBuilder text = new StringBuilder(OPENINGS[random.nextInt(OPENINGS.length)]);
		int words = 4 + random.nextInt(6);
		for (int w = 0; w < words; w++) {
			text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
		}
		return text.append('?').toString();
	}

	@Benchmark
	public Object check() {
		return index.findDuplicate(ContentType.TRUTH, probes[next++ & (probes.length - 1)], null);
	}

}
