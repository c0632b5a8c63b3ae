package io.harbourpay.platform.merchants;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which of the three forms a merchant's FPS identifier takes; each goes into its own field of the
 * FPS template 26 (02 FPS ID, 03 mobile, 04 email).
 */
public enum FpsProxy {
  FPS_ID,
  MOBILE,
  EMAIL;

  public static final int EMAIL_LENGTH_MAX = 64;

  private static final Pattern FPS_IDENTIFIER = Pattern.compile("[0-9]{7}|[0-9]{9}");
  private static final Pattern HK_MOBILE = Pattern.compile("\\+852-[0-9]{8}");
  private static final Pattern EMAIL_ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  /** The form of {@code value}, or empty when it is none of them. */
  public static Optional<FpsProxy> of(String value) {
    if (FPS_IDENTIFIER.matcher(value).matches()) return Optional.of(FPS_ID);
    if (HK_MOBILE.matcher(value).matches()) return Optional.of(MOBILE);
    if (value.length() <= EMAIL_LENGTH_MAX && EMAIL_ADDRESS.matcher(value).matches()) {
      return Optional.of(EMAIL);
    }
    return Optional.empty();
  }
}
