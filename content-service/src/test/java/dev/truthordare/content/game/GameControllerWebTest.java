package dev.truthordare.content.game;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.truthordare.content.play.ItemRenderer;
import dev.truthordare.events.ContentType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The game endpoints alone: bad settings never reach the game service, and every refusal
 * is a problem document.
 */
@WebMvcTest(controllers = GameController.class, properties = "eureka.client.enabled=false")
class GameControllerWebTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	GameService games;

	@MockitoBean
	ItemRenderer renderer;

	private ResultActions create(String body) throws Exception {
		return mvc.perform(post("/api/v1/games").contentType(MediaType.APPLICATION_JSON).content(body));
	}

	@Test
	void badSettingsAre400ProblemsNamingTheFieldAndNeverStartAGame() throws Exception {
		create("{}").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.parameter").value("players"))
			.andExpect(jsonPath("$.detail").value("players must be an integer from 1 to 1000, got null."));
		create("{\"players\": 4, \"categories\": [\"spicy\"]}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("categories"))
			.andExpect(jsonPath("$.allowed_values", hasItems("funny", "silly")));
		create("{\"players\": 4, \"max_age_rating\": \"21+\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.allowed_values", hasItems("all", "13+", "18+")));
		create("{\"players\": 4, \"lang\": \"xx\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("lang"));
		create("{\"players\": 4,").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(games);
	}

	@Test
	void anUnknownGameIsA404ProblemCarryingItsId() throws Exception {
		when(games.draw(any(), any(ContentType.class))).thenThrow(new GameService.UnknownGame("g-1"));

		mvc.perform(get("/api/v1/games/g-1/truth"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.game_id").value("g-1"))
			.andExpect(jsonPath("$.detail", containsString("POST /api/v1/games")));
	}

}
