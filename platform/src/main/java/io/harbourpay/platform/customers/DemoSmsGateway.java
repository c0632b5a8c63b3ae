package io.harbourpay.platform.customers;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway of the demo and of tests: logs each message and keeps the last few per phone in
 * memory, for a dev-only endpoint to show. Never use it in production: anyone who can read the
 * inbox can log in as anyone.
 */
public final class DemoSmsGateway implements SmsGateway {
  /** Messages kept per phone; older ones are dropped. */
  public static final int MESSAGES_PER_PHONE_MAX = 10;

  /** Phones kept; the least recently messaged phone's inbox is dropped first. */
  public static final int PHONES_MAX = 10_000;

  private static final System.Logger LOG = System.getLogger(DemoSmsGateway.class.getName());

  public record Message(String phone, String text, Instant sentAt) {}

  private final Clock clock;
  private final Map<String, Deque<Message>> inboxes =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Message>> eldest) {
          return size() > PHONES_MAX;
        }
      };

  public DemoSmsGateway(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void send(String phone, String message) {
    LOG.log(Level.INFO, "SMS to {0}: {1}", phone, message);
    Deque<Message> inbox = inboxes.computeIfAbsent(phone, ignored -> new ArrayDeque<>());
    if (inbox.size() == MESSAGES_PER_PHONE_MAX) {
      inbox.removeFirst();
    }
    inbox.addLast(new Message(phone, message, clock.instant()));
  }

  /** The newest message to {@code phone} (E.164), if any. */
  public synchronized Optional<Message> latestMessage(String phone) {
    Deque<Message> inbox = inboxes.get(phone);
    return inbox == null ? Optional.empty() : Optional.ofNullable(inbox.peekLast());
  }

  /** The kept messages to {@code phone} (E.164), oldest first. */
  public synchronized List<Message> messages(String phone) {
    Deque<Message> inbox = inboxes.get(phone);
    return inbox == null ? List.of() : List.copyOf(inbox);
  }
}
