package dev.shadowstep;

import dev.shadowstep.cli.Cli;

/**
 * The jar's entry point. A known command ({@code run}, {@code check}, ...) runs as a plain
 * command line program, without starting Spring; anything else (no arguments, or Spring
 * options such as {@code --server.port=9090}) starts the web app.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && Cli.isCommand(args[0])) {
            System.exit(Cli.run(args, System.out, System.err));
        }
        ShadowstepApplication.start(args);
    }
}
