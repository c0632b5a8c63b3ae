package io.harbourpay.platform.payments;

import java.time.Instant;

/** A code to show now, and when the till stops accepting it. */
public record PayCode(String code, long deviceId, Instant expiresAt) {}
