package dev.truthordare.translation.translations;

public enum TranslationStatus {

	MISSING, DRAFT, APPROVED, OUTDATED

}
