package dev.servescope.app.ui.widgets;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Label;

/** Small pieces every view uses. */
public final class Views {
  private Views() {}

  /** A section header. */
  public static Label header(String text) {
    Label l = new Label(text);
    l.getStyleClass().add(Styles.TITLE_4);
    return l;
  }

  /** A muted, wrapping line for messages. */
  public static Label message(String id) {
    Label l = new Label();
    l.setId(id);
    l.setWrapText(true);
    l.getStyleClass().add(Styles.TEXT_MUTED);
    return l;
  }
}
