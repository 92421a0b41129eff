package io.pipelinetrigger.core.domain;

/** The few facts about UTF-8 byte sequences that the output tail needs. */
final class Utf8 {

    private Utf8() {
    }

    static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** How long a sequence starting with this lead byte is; 1 for ASCII and for bytes that lead nothing. */
    static int sequenceLength(byte lead) {
        int unsigned = lead & 0xFF;
        if (unsigned >= 0xF0 && unsigned <= 0xF7) {
            return 4;
        }
        if (unsigned >= 0xE0) {
            return unsigned <= 0xEF ? 3 : 1;
        }
        if (unsigned >= 0xC0) {
            return 2;
        }
        return 1;
    }

    /**
     * How many bytes at the end of {@code bytes[0, length)} start a character that is not complete yet
     * (0 to 3): those must wait for the next chunk of the same stream.
     */
    static int incompleteSuffixLength(byte[] bytes, int length) {
        int back = 0;
        while (back < 3 && back < length && isContinuation(bytes[length - 1 - back])) {
            back++;
        }
        if (back == length) {
            return 0; // only continuation bytes: nothing we could ever complete
        }
        int leadIndex = length - 1 - back;
        int needed = sequenceLength(bytes[leadIndex]);
        int present = back + 1;
        return needed > present ? present : 0;
    }
}
