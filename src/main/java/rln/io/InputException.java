package rln.io;

/**
 * Bad input from a user: a file that is missing, malformed or holds values out of range. The message is
 * one line that names the file and the problem; the command line prints it and exits non-zero.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "file: problem". */
    public static InputException of(Object file, String problem) {
        return new InputException(file + ": " + problem);
    }
}
