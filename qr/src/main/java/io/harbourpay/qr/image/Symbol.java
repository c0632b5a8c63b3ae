package io.harbourpay.qr.image;

import com.google.zxing.common.BitMatrix;

/**
 * A laid-out symbol, quiet zone included: a grid of dark and light modules and the pixels each
 * module takes. A QR module is square; a Code 128 symbol is one row of modules as tall as the bars.
 */
public final class Symbol {
  private final BitMatrix modules;
  private final int modulePixelsWide;
  private final int modulePixelsHigh;

  Symbol(BitMatrix modules, int modulePixelsWide, int modulePixelsHigh) {
    assert modulePixelsWide >= 1 && modulePixelsHigh >= 1;
    this.modules = modules.clone();
    this.modulePixelsWide = modulePixelsWide;
    this.modulePixelsHigh = modulePixelsHigh;
  }

  public int columns() {
    return modules.getWidth();
  }

  public int rows() {
    return modules.getHeight();
  }

  public boolean isDark(int column, int row) {
    return modules.get(column, row);
  }

  public int modulePixelsWide() {
    return modulePixelsWide;
  }

  public int modulePixelsHigh() {
    return modulePixelsHigh;
  }

  public int widthPixels() {
    return columns() * modulePixelsWide;
  }

  public int heightPixels() {
    return rows() * modulePixelsHigh;
  }
}
