package io.harbourpay.server.support;

/** The embedded store: SQLite in a fresh data folder, demo mode on (for the SMS inbox). */
public class SqliteProfile extends HarbourProfile {}
