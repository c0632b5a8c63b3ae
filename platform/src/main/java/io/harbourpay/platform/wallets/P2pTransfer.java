package io.harbourpay.platform.wallets;

import io.harbourpay.platform.Ids;

/** A transfer between two customers, as its sender sees it. */
public record P2pTransfer(
    long id,
    long senderId,
    long receiverId,
    String receiverPhone,
    WalletCurrency currency,
    long amountMinor,
    String memo,
    long createdAtMicros) {
  public static final String ID_PREFIX = "p2p";

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }
}
