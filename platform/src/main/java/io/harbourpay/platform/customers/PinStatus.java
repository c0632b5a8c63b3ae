package io.harbourpay.platform.customers;

import java.time.Instant;

/**
 * Whether a customer has a payment PIN, how many wrong entries are left before it locks, and until
 * when it is locked ({@code null} when it is not).
 */
public record PinStatus(boolean set, int attemptsLeft, Instant lockedUntil) {}
