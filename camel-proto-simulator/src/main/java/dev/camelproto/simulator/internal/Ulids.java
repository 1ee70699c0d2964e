package dev.camelproto.simulator.internal;

import java.util.Random;

/** ULID generator: 48-bit millisecond time + 80 bits from a (seedable) random generator, Crockford base32. */
public final class Ulids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Random random;

    public Ulids(long seed) {
        this.random = new Random(seed);
    }

    public synchronized void reseed(long seed) {
        this.random = new Random(seed);
    }

    public synchronized String next() {
        char[] c = new char[26];
        long t = System.currentTimeMillis();
        for (int i = 9; i >= 0; i--) {
            c[i] = ALPHABET[(int) (t & 31)];
            t >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            c[i] = ALPHABET[random.nextInt(32)];
        }
        return new String(c);
    }

    /** A random secret (not a ULID) for generated teamspaces. */
    public synchronized String secret() {
        StringBuilder sb = new StringBuilder("sim-");
        for (int i = 0; i < 32; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    public static boolean isUlid(String s) {
        if (s == null || s.length() != 26) {
            return false;
        }
        for (int i = 0; i < 26; i++) {
            if (new String(ALPHABET).indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return s.charAt(0) <= '7';
    }
}
