package org.deltagen.codegen;

import com.palantir.javapoet.JavaFile;

/** A generated trainer: its source, and which of its methods implements which step. */
public record TrainerSource(JavaFile file, Citations citations) {}
