package dev.servescope.app.image;

import java.util.List;

/** What kind of bytes a path holds: the first answer to "what is this image made of". */
public final class Categories {
  public static final String CACHES = "caches and package lists";
  public static final String DOCS = "docs";
  public static final String MODEL = "model weights";
  public static final String JAVA = "Java runtime";
  public static final String JARS = "application jars";
  public static final String NATIVE = "native libraries";
  public static final String OS = "OS packages";
  public static final String OTHER = "other";
  /** Every category, in the order reports list them. */
  public static final List<String> ALL = List.of(JAVA, NATIVE, MODEL, JARS, OS, CACHES, DOCS, OTHER);

  private Categories() {}

  /** The category of a file at {@code path} (no leading slash). */
  public static String of(String path) {
    String p = "/" + path;
    String name = p.substring(p.lastIndexOf('/') + 1);
    if (p.startsWith("/var/cache/") || p.startsWith("/var/lib/apt/lists/") || p.contains("/.m2/")
        || p.contains("/.cache/") || p.contains("/.npm/") || p.startsWith("/tmp/") || p.startsWith("/var/tmp/")
        || p.startsWith("/var/log/")) {
      return CACHES;
    }
    if (p.startsWith("/usr/share/doc/") || p.startsWith("/usr/share/man/") || p.startsWith("/usr/share/info/")
        || p.startsWith("/usr/share/locale/") || p.startsWith("/usr/share/doc-base/")) {
      return DOCS;
    }
    if (name.endsWith(".onnx") || name.endsWith(".safetensors") || name.endsWith(".pt") || name.endsWith(".bin")
        && p.contains("/model") || name.equals("tokenizer.json") || name.equals("head.json")) {
      return MODEL;
    }
    if (p.startsWith("/usr/lib/jvm/") || p.startsWith("/opt/jre/") || p.startsWith("/opt/java/")
        || p.startsWith("/opt/jdk") || name.endsWith(".jsa")) {
      return JAVA;
    }
    if (name.endsWith(".jar")) {
      return JARS;
    }
    if (p.startsWith("/usr/") || p.startsWith("/lib/") || p.startsWith("/lib64/") || p.startsWith("/bin/")
        || p.startsWith("/sbin/") || p.startsWith("/etc/") || p.startsWith("/var/lib/dpkg/")) {
      return OS;
    }
    if (name.endsWith(".so") || name.contains(".so.") || name.endsWith(".node") || name.endsWith(".dylib")
        || name.endsWith(".dll")) {
      return NATIVE;
    }
    return OTHER;
  }
}
