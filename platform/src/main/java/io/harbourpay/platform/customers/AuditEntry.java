package io.harbourpay.platform.customers;

import java.time.Instant;

/**
 * One operator action. {@code target} is the public id of what was acted on ({@code cus_…}, {@code
 * kyc_…}); {@code detail} is free text for people.
 */
public record AuditEntry(
    long id, Instant at, String actor, String action, String target, String detail) {}
