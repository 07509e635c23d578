package dev.truthordare.content.game;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param idleTtl a game untouched this long is gone (404); every draw moves it forward
 */
@ConfigurationProperties("content.games")
record GameProperties(@DefaultValue("24h") Duration idleTtl) {
}
