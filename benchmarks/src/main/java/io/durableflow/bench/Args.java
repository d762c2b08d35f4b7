package io.durableflow.bench;

/** The benchmark's command-line options: {@code --name value}. */
final class Args {

	private Args() {
	}

	static String string(String[] args, String name, String fallback) {
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		return fallback;
	}

	static int integer(String[] args, String name, int fallback) {
		String value = string(args, name, null);
		return (value != null) ? Integer.parseInt(value) : fallback;
	}

}
