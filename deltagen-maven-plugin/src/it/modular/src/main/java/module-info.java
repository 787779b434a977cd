/* A module that, like most, does not read java.compiler. */
module org.example.modular {
  exports org.example.modular;
}
