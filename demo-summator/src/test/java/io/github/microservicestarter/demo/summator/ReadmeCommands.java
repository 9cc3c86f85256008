package io.github.microservicestarter.demo.summator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands a README section shows, as a shell would split them, so that tests run what the
 * README tells users to run.
 */
final class ReadmeCommands {

	private ReadmeCommands() {
	}

	/**
	 * The commands of one program in the code blocks of a section: from its heading to the next
	 * heading of its level or above, with lines continued by a backslash joined.
	 * @param readme the README
	 * @param heading the section's heading, such as {@code ## The demos}
	 * @param program the program, such as {@code grpcurl}
	 * @return each command's words, the program first
	 */
	static List<List<String>> of(Path readme, String heading, String program) throws IOException {
		List<String> lines = Files.readAllLines(readme);
		int start = lines.indexOf(heading);
		if (start < 0) {
			throw new IllegalStateException(readme + " has no section '" + heading + "'");
		}
		String level = heading.substring(0, heading.indexOf(' ') + 1);
		List<List<String>> commands = new ArrayList<>();
		boolean inCode = false;
		StringBuilder command = new StringBuilder();
		for (String line : lines.subList(start + 1, lines.size())) {
			if (!inCode && isHeadingUpTo(line, level)) {
				break;
			}
			if (line.startsWith("```")) {
				inCode = !inCode;
				continue;
			}
			if (!inCode) {
				continue;
			}
			command.append(line.strip());
			if (command.toString().endsWith("\\")) {
				command.setLength(command.length() - 1);
				continue;
			}
			List<String> words = words(command.toString());
			if (!words.isEmpty() && words.get(0).equals(program)) {
				commands.add(words);
			}
			command.setLength(0);
		}
		return commands;
	}

	private static boolean isHeadingUpTo(String line, String level) {
		int hashes = 0;
		while (hashes < line.length() && line.charAt(hashes) == '#') {
			hashes++;
		}
		return hashes > 0 && hashes < level.length() && line.charAt(hashes) == ' ';
	}

	/** Splits a command line as a shell does for words, single quotes and comments. */
	private static List<String> words(String line) {
		List<String> words = new ArrayList<>();
		StringBuilder word = null;
		boolean quoted = false;
		for (char c : line.toCharArray()) {
			if (quoted) {
				if (c == '\'') {
					quoted = false;
				}
				else {
					word.append(c);
				}
			}
			else if (c == '\'') {
				quoted = true;
				word = (word != null) ? word : new StringBuilder();
			}
			else if (c == '#' && word == null) {
				break;
			}
			else if (Character.isWhitespace(c)) {
				if (word != null) {
					words.add(word.toString());
					word = null;
				}
			}
			else {
				word = (word != null) ? word : new StringBuilder();
				word.append(c);
			}
		}
		if (word != null) {
			words.add(word.toString());
		}
		return words;
	}

}
