package io.harbourpay.qr.image;

/**
 * Writes a symbol as SVG: one path, a rectangle per horizontal run of dark modules, in module units
 * scaled by the viewBox, so it prints sharp at any size.
 */
public final class SvgImages {
  private SvgImages() {}

  public static String write(Symbol symbol) {
    int rowHeight = symbol.modulePixelsHigh() / symbol.modulePixelsWide();
    // A QR module is square (height 1); a barcode row is as tall as its bars, in module widths.
    int unitsHigh = Math.max(1, rowHeight);
    StringBuilder path = new StringBuilder();
    for (int row = 0; row < symbol.rows(); row++) {
      int column = 0;
      while (column < symbol.columns()) {
        if (!symbol.isDark(column, row)) {
          column++;
          continue;
        }
        int start = column;
        while (column < symbol.columns() && symbol.isDark(column, row)) {
          column++;
        }
        int run = column - start;
        path.append('M').append(start).append(' ').append(row * unitsHigh);
        path.append('h').append(run).append('v').append(unitsHigh);
        path.append('h').append(-run).append('z');
      }
    }
    int width = symbol.columns();
    int height = symbol.rows() * unitsHigh;
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\""
        + " width=\""
        + symbol.widthPixels()
        + "\" height=\""
        + symbol.heightPixels()
        + "\" viewBox=\"0 0 "
        + width
        + ' '
        + height
        + "\" shape-rendering=\"crispEdges\">\n"
        + "<rect width=\""
        + width
        + "\" height=\""
        + height
        + "\" fill=\"#ffffff\"/>\n"
        + "<path fill=\"#000000\" d=\""
        + path
        + "\"/>\n"
        + "</svg>\n";
  }
}
