package dev.truthordare.cms.accounts;

import com.nimbusds.jose.jwk.RSAKey;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * The RSA key that signs CMS tokens. Kept in the CMS database so that a restart, or a
 * second instance, keeps accepting tokens already issued. Never in git, never in
 * configuration files.
 */
@Component
public class SigningKeys {

	@Document("signing_keys")
	record StoredKey(@Id String id, String keyId, String privateKey, String publicKey) {
	}

	private static final String CURRENT = "current";

	private final RSAKey rsaKey;

	SigningKeys(MongoTemplate mongo) {
		StoredKey stored = mongo.findById(CURRENT, StoredKey.class);
		if (stored == null) {
			stored = generate();
			try {
				mongo.insert(stored);
			}
			catch (DuplicateKeyException anotherInstanceWasFirst) {
				stored = mongo.findById(CURRENT, StoredKey.class);
			}
		}
		this.rsaKey = toJwk(stored);
	}

	public RSAKey rsaKey() {
		return rsaKey;
	}

	public RSAPublicKey publicKey() {
		try {
			return rsaKey.toRSAPublicKey();
		}
		catch (com.nimbusds.jose.JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	private static StoredKey generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			Base64.Encoder base64 = Base64.getEncoder();
			return new StoredKey(CURRENT, UUID.randomUUID().toString(),
					base64.encodeToString(pair.getPrivate().getEncoded()),
					base64.encodeToString(pair.getPublic().getEncoded()));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static RSAKey toJwk(StoredKey stored) {
		try {
			KeyFactory factory = KeyFactory.getInstance("RSA");
			Base64.Decoder base64 = Base64.getDecoder();
			var publicKey = (RSAPublicKey) factory
				.generatePublic(new X509EncodedKeySpec(base64.decode(stored.publicKey())));
			var privateKey = (RSAPrivateKey) factory
				.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(stored.privateKey())));
			return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(stored.keyId()).build();
		}
		catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
			throw new IllegalStateException("Stored signing key is unreadable", e);
		}
	}

}
