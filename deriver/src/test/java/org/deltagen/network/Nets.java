package org.deltagen.network;

/** The network the deriver's tests start from; each test adds the layers and the loss it is about. */
public final class Nets {
  private Nets() {}

  /** A builder for a network named Net with {@code inputs} inputs. */
  public static NetworkSpec.Builder net(int inputs) {
    return NetworkSpec.builder().name("Net").inputs(inputs);
  }
}
