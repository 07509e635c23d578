package dev.truthordare.cms.accounts;

public enum Role {

	ADMIN, MODERATOR, TRANSLATOR

}
