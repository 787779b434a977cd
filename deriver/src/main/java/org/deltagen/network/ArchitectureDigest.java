package org.deltagen.network;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The SHA-256 that a saved parameter file carries, of what makes two trainers' parameters
 * interchangeable: see {@link NetworkSpec#architectureDigest}. Each part added since the first
 * version is written only by the networks that use it, so every older network keeps its digest.
 */
final class ArchitectureDigest {
  private ArchitectureDigest() {}

  static byte[] of(int inputs, List<Layer> layers) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream data = new DataOutputStream(bytes);
      data.writeUTF("deltagen architecture 1");
      data.writeInt(inputs);
      data.writeInt(layers.size());
      for (Layer layer : layers) {
        data.writeInt(layer.units());
        data.writeBoolean(layer.bias());
        data.writeBoolean(layer.activation().normalized());
        data.writeUTF(layer.activation().definition().tree().toString());
        if (layer.activation().learns()) {
          // Only for layers that have them, so that every plain network keeps its digest.
          data.writeInt(layer.activation().learned().size());
          for (LearnedParameter parameter : layer.activation().learned()) {
            data.writeUTF(parameter.name());
          }
        }
      }
      if (layers.stream().anyMatch(Layer::hasNorm)) {
        // Only networks with a normalization write this, so every other digest is what it was.
        data.writeUTF("norms");
        for (Layer layer : layers) {
          data.writeUTF(layer.hasNorm() ? layer.norm().text() : "");
          data.writeDouble(layer.hasNorm() ? layer.norm().epsilon() : 0);
        }
      }
      if (layers.stream().anyMatch(Layer::hasSkip)) {
        // Only networks with skips write this, so a plain network's digest is what it always was.
        data.writeUTF("skips");
        for (Layer layer : layers) {
          data.writeInt(layer.hasSkip() ? layer.skip().from() : -1);
        }
      }
      data.flush();
      return sha256.digest(bytes.toByteArray());
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
