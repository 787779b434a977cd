package org.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AppTest {
  @Test
  void xorReproducesTheSeedTable() {
    // The seed prints its last epoch's forward pass, which runs before that epoch's update.
    double[] outputs = App.trainXor(9_999);
    assertArrayEquals(new double[] {0.025, 0.499, 0.970, 0.502}, outputs, 0.0005);
  }

  @Test
  void tinyLearnsTheParabola() {
    double[] loss = App.fitTiny(300);
    assertTrue(loss[1] < loss[0] / 10, "mean loss went " + loss[0] + " -> " + loss[1]);
  }
}
