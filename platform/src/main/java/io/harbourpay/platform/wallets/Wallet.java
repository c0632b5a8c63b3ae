package io.harbourpay.platform.wallets;

/**
 * One wallet's balances in minor units. {@code balance} is posted money; {@code available} is what
 * can be spent now (balance less outgoing holds, e.g. a withdrawal the bank has not confirmed);
 * {@code incoming} is money on its way in (a top-up the bank has not confirmed).
 */
public record Wallet(
    WalletCurrency currency,
    long balanceMinor,
    long availableMinor,
    long incomingMinor,
    LimitStatus limits) {}
