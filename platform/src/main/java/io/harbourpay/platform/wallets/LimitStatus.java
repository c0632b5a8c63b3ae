package io.harbourpay.platform.wallets;

/** The customer's limits in one currency and what is left of them now, in minor units. */
public record LimitStatus(
    long perPaymentMinor,
    long dailyMinor,
    long dailyRemainingMinor,
    long yearlyMinor,
    long yearlyRemainingMinor,
    long balanceCapMinor) {}
