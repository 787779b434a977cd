package org.deltagen.example.xor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The generated XOR trainer reproduces seed 000's numpy run. */
class XorDemoTest {
  /** The seed's weights, np.random.seed(0): W1 = randn(2, 2), W2 = randn(2, 1), zero biases, bias rows first. */
  private static final double[] SEED_WEIGHTS = {
    0, 0, 1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458,
    0, 1.8675579901499675, -0.977277879876411
  };
  /** The seed's script run with numpy: the outputs of its last epoch's forward pass, full precision. */
  private static final double[] SEED_OUTPUTS = {
    0.02474187240430439, 0.4992150973152715, 0.9696557937717554, 0.5018547055706005
  };

  @Test
  void startsFromTheSeedsWeightsGivenByXorParams() {
    assertArrayEquals(SEED_WEIGHTS, new Xor().parameters(), 0.0);
  }

  @Test
  void reproducesTheSeedsTableAfterTenThousandEpochs() {
    assertArrayEquals(SEED_OUTPUTS, XorDemo.train(new Xor(), XorDemo.EPOCHS), 1e-9);
  }
}
