package io.harbourpay.platform.customers;

import java.time.Instant;

/**
 * A one-time code is on its way to {@code phone}. The code itself is deliberately not here: it
 * travels only by SMS, so no response can leak it.
 *
 * @param expiresAt when the code stops working
 * @param resendAfter the earliest time another code may be requested for this phone
 */
public record CodeSent(String phone, Instant expiresAt, Instant resendAfter) {}
