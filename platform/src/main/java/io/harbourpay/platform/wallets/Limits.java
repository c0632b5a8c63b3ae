package io.harbourpay.platform.wallets;

/** One tier's limits in one currency, in minor units. */
public record Limits(
    long perPaymentMinor, long dailyMinor, long yearlyMinor, long balanceCapMinor) {}
