package dev.truthordare.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.result.UpdateResult;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

/**
 * Holds the writes ({@code upsert}, {@code findAndModify}, {@code save}) of the thread
 * named {@value #OLDER} until {@link #newerStored} opens: a test hands an older delivery
 * to a thread of that name and a newer one to another, and so forces "the older one
 * writes last" instead of hoping a race shows it.
 */
public class HeldBackMongo extends MongoTemplate {

	public static final String OLDER = "older";

	public final CountDownLatch newerStored = new CountDownLatch(1);

	public HeldBackMongo(MongoClient client, String database) {
		super(client, database);
	}

	private void waitIfOlder() {
		if (Thread.currentThread().getName().equals(OLDER)) {
			try {
				assertThat(this.newerStored.await(10, TimeUnit.SECONDS)).isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	@Override
	public UpdateResult upsert(Query query, UpdateDefinition update, Class<?> entityClass) {
		waitIfOlder();
		return super.upsert(query, update, entityClass);
	}

	@Override
	public <T> T findAndModify(Query query, UpdateDefinition update, FindAndModifyOptions options,
			Class<T> entityClass) {
		waitIfOlder();
		return super.findAndModify(query, update, options, entityClass);
	}

	@Override
	public <T> T save(T objectToSave) {
		waitIfOlder();
		return super.save(objectToSave);
	}

}
