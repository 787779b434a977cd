package org.deltagen.codegen;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytecode length of each method in a class file: the {@code code_length} of its {@code Code}
 * attribute (JVMS §4.7.3), read with just enough of the class-file format (JVMS §4.1) to get there.
 */
final class MethodSizes {
  private MethodSizes() {}

  /** Code length by method name and descriptor, e.g. {@code step([[D[[D)D}; abstract and native methods are left out. */
  static Map<String, Integer> of(byte[] classFile) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
      if (in.readInt() != 0xCAFEBABE) {
        throw new IllegalArgumentException("not a class file");
      }
      in.readUnsignedShort(); // minor version
      in.readUnsignedShort(); // major version
      String[] utf8 = readConstantPool(in);
      in.readUnsignedShort(); // access flags
      in.readUnsignedShort(); // this class
      in.readUnsignedShort(); // super class
      in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
      int fields = in.readUnsignedShort();
      for (int f = 0; f < fields; f++) {
        in.skipNBytes(6); // access flags, name, descriptor
        skipAttributes(in);
      }
      Map<String, Integer> sizes = new LinkedHashMap<>();
      int methods = in.readUnsignedShort();
      for (int m = 0; m < methods; m++) {
        in.readUnsignedShort(); // access flags
        String method = utf8[in.readUnsignedShort()] + utf8[in.readUnsignedShort()];
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
          String name = utf8[in.readUnsignedShort()];
          int length = in.readInt();
          if (name.equals("Code")) {
            in.readUnsignedShort(); // max stack
            in.readUnsignedShort(); // max locals
            sizes.put(method, in.readInt());
            in.skipNBytes(length - 8L);
          } else {
            in.skipNBytes(length);
          }
        }
      }
      return sizes;
    } catch (IOException e) {
      throw new UncheckedIOException("truncated class file", e);
    }
  }

  /** Reads the constant pool, keeping only its UTF-8 entries (by index) for names. */
  private static String[] readConstantPool(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF(); // Utf8: u2 length, then modified UTF-8, as readUTF reads
        case 7, 8, 16, 19, 20 -> in.skipNBytes(2); // Class, String, MethodType, Module, Package
        case 15 -> in.skipNBytes(3); // MethodHandle
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // Integer, Float, refs, NameAndType, (Invoke)Dynamic
        case 5, 6 -> { // Long, Double take two entries
          in.skipNBytes(8);
          i++;
        }
        default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at entry " + i);
      }
    }
    return utf8;
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      in.readUnsignedShort(); // name
      in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
    }
  }
}
