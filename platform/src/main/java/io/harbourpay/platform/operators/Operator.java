package io.harbourpay.platform.operators;

import io.harbourpay.platform.Ids;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * An operator account. {@code lockedUntil} is set while too many wrong passwords keep it from
 * logging in. The audit trail names the account by {@link #actor()}.
 */
public record Operator(
    long id,
    String username,
    String displayName,
    Set<OperatorRole> roles,
    OperatorStatus status,
    Instant lockedUntil,
    Instant lastLoginAt,
    Instant createdAt) {
  public static final String ID_PREFIX = "opr";

  /** How the audit trail names an operator account (free-text names never contain a colon). */
  public static final String ACTOR_PREFIX = "operator:";

  public Operator {
    roles = Set.copyOf(roles);
  }

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }

  public String actor() {
    return ACTOR_PREFIX + username;
  }

  /** Whether the account holds {@code role}; an admin holds every role. */
  public boolean has(OperatorRole role) {
    return roles.contains(OperatorRole.ADMIN) || roles.contains(role);
  }

  /** Whether the account holds any of {@code anyOf}. */
  public boolean hasAny(OperatorRole... anyOf) {
    return Arrays.stream(anyOf).anyMatch(this::has);
  }
}
