public enum JingpinCoreVersion { public static let value = "0.1.0" }
