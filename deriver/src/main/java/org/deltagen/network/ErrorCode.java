package org.deltagen.network;

/**
 * The catalogue of problems deltagen reports about its input. Codes are stable: they appear in
 * messages, documentation and tests, so a code is never reused for another rule.
 */
public enum ErrorCode {
  DG001("unknown statement"),
  DG002("required statement missing"),
  DG003("statement given twice"),
  DG004("not a valid Java identifier"),
  DG005("not a valid Java package name"),
  DG006("positive whole number expected"),
  DG007("unexpected text after the statement"),
  DG008("value missing"),
  DG009("file cannot be read"),
  DG010("unknown activation"),
  DG011("expression does not parse"),
  DG012("expression uses a symbol it may not use"),
  DG013("unknown loss"),
  DG014("unknown batch reduction"),
  DG015("unknown optimizer"),
  DG016("unknown or malformed option"),
  DG017("number expected"),
  DG018("unknown initializer"),
  DG019("network too large"),
  DG020("parameter file does not fit the network"),
  DG021("activation allowed on the output layer only"),
  DG022("loss needs a particular output activation"),
  DG023("unknown learning-rate schedule"),
  DG024("function or form not allowed in an expression"),
  DG025("number outside double's range"),
  DG026("expression too long or too deeply nested"),
  DG027("layer option does not fit the network"),
  DG028("activation parameter not valid"),
  DG030("cannot be differentiated"),
  DG031("cannot be turned into Java"),
  DG032("not defined where the network is evaluated"),
  DG033("derivation takes too long"),
  DG040("generated class collides with a project class"),
  DG050("output cannot be written"),
  DG051("report template is broken"),
  DG052("data file does not fit the network");

  private final String rule;

  ErrorCode(String rule) {
    this.rule = rule;
  }

  /** What the code means, in a few words, for documentation and listings. */
  public String rule() {
    return rule;
  }
}
