package io.mttcgj.board.semihosting;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The semihosting handle table and the files behind it: the console ({@code :tt}), the static
 * {@code :semihosting-features} file and host files confined to the root directory.
 *
 * <p>Handles are small positive numbers, lowest free first from 1 (0 is never a valid handle), as QEMU
 * allocates them. The table is shared by all vCPUs; each file serializes its own I/O, and a blocking
 * console read holds no lock that other vCPUs need.
 */
final class GuestFiles {
    /** "SHFB" then feature byte 0: bit 0 = SYS_EXIT_EXTENDED, bit 1 = :tt opened for append is stderr. */
    static final byte[] FEATURES = {'S', 'H', 'F', 'B', 0x03};

    private final Path root;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final boolean consoleIsTty;
    private final List<GuestFile> table = new ArrayList<>();

    GuestFiles(Path root, InputStream stdin, OutputStream stdout, OutputStream stderr, boolean consoleIsTty) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.consoleIsTty = consoleIsTty;
        table.add(null); // handle 0 is never handed out
    }

    // ------------------------------------------------------------------ handle table

    /** SYS_OPEN: returns the new handle. {@code mode} is the ISO C fopen mode index 0-11. */
    int open(String name, int mode) throws Errno {
        if (mode < 0 || mode > 11) {
            throw new Errno(Errno.EINVAL);
        }
        if (name.equals(":tt")) {
            // mode 0-3 "r..." = stdin, 4-7 "w..." = stdout, 8-11 "a..." = stderr (SH_EXT_STDOUT_STDERR)
            return add(mode < 4 ? new Console(stdin, null) : new Console(null, mode < 8 ? stdout : stderr));
        }
        if (name.equals(":semihosting-features")) {
            if (mode >= 4) {
                throw new Errno(Errno.EACCES);
            }
            return add(new StaticFile(FEATURES));
        }
        return add(HostFile.open(confine(name), mode));
    }

    private synchronized int add(GuestFile f) {
        for (int h = 1; h < table.size(); h++) {
            if (table.get(h) == null) {
                table.set(h, f);
                return h;
            }
        }
        table.add(f);
        return table.size() - 1;
    }

    synchronized GuestFile get(int handle) throws Errno {
        if (handle <= 0 || handle >= table.size() || table.get(handle) == null) {
            throw new Errno(Errno.EBADF);
        }
        return table.get(handle);
    }

    void close(int handle) throws Errno {
        GuestFile f;
        synchronized (this) {
            f = get(handle);
            table.set(handle, null);
        }
        f.close();
    }

    /** Closes every host file (machine shutdown or reset). */
    synchronized void closeAll() {
        for (int h = 1; h < table.size(); h++) {
            GuestFile f = table.get(h);
            if (f != null) {
                try {
                    f.close();
                } catch (Errno ignored) {
                    // nothing to report to anyone at shutdown
                }
                table.set(h, null);
            }
        }
    }

    // ------------------------------------------------------------------ host paths

    /**
     * The host path for guest file name {@code name}: relative names are under the root; absolute names
     * and {@code ..} must stay inside it, also after following symbolic links. Anything else is EACCES.
     */
    Path confine(String name) throws Errno {
        if (root == null || name.isEmpty()) {
            throw new Errno(name.isEmpty() ? Errno.ENOENT : Errno.EACCES);
        }
        Path p;
        try {
            p = root.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new Errno(Errno.ENOENT);
        }
        if (!p.startsWith(root)) {
            throw new Errno(Errno.EACCES);
        }
        // A symlink inside the root may point outside it: check the deepest existing ancestor's real path.
        try {
            Path realRoot = root.toRealPath();
            Path existing = p;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing != null && !existing.toRealPath().startsWith(realRoot)) {
                throw new Errno(Errno.EACCES);
            }
        } catch (IOException e) {
            throw new Errno(Errno.EACCES);
        }
        return p;
    }

    String tmpName(int id) {
        Path base = root == null ? Path.of(System.getProperty("java.io.tmpdir")) : root;
        return base.resolve(String.format("mttcgj-%x%02x", ProcessHandle.current().pid(), id & 0xff)).toString();
    }

    void remove(String name) throws Errno {
        Path p = confine(name);
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw errno(e);
        }
    }

    void rename(String from, String to) throws Errno {
        Path a = confine(from);
        Path b = confine(to);
        try {
            Files.move(a, b, StandardCopyOption.ATOMIC_MOVE); // rename(2): replaces an existing target
        } catch (IOException e) {
            throw errno(e);
        }
    }

    static Errno errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            return new Errno(Errno.ENOENT);
        }
        if (e instanceof AccessDeniedException) {
            return new Errno(Errno.EACCES);
        }
        if (e instanceof FileAlreadyExistsException) {
            return new Errno(Errno.EEXIST);
        }
        if (e instanceof DirectoryNotEmptyException) {
            return new Errno(Errno.ENOTEMPTY);
        }
        if (e instanceof NotDirectoryException) {
            return new Errno(Errno.ENOTDIR);
        }
        if (e instanceof ClosedChannelException) {
            return new Errno(Errno.EBADF);
        }
        if (e instanceof FileSystemException f && f.getReason() != null && f.getReason().contains("directory")) {
            return new Errno(Errno.EISDIR);
        }
        return new Errno(Errno.EIO);
    }

    // ------------------------------------------------------------------ file kinds

    /** One open handle. Methods return byte counts; errors are {@link Errno}. */
    abstract static class GuestFile {
        /** Reads up to {@code len} bytes; 0 at end of file. */
        abstract int read(byte[] buf, int len) throws Errno;

        /** Writes all of {@code buf[0, len)}; returns the count written. */
        abstract int write(byte[] buf, int len) throws Errno;

        abstract void seek(long pos) throws Errno;

        abstract long length() throws Errno;

        abstract boolean isTty();

        void close() throws Errno {
        }

        boolean interactive() {
            return false;
        }
    }

    /** A {@code :tt} handle: stdin for reading or one of the output streams for writing. */
    final class Console extends GuestFile {
        private final InputStream in;
        private final OutputStream out;

        Console(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        @Override
        int read(byte[] buf, int len) throws Errno {
            if (in == null) {
                throw new Errno(Errno.EBADF);
            }
            try {
                int n = in.read(buf, 0, len); // blocks for at least one byte, like read(2) on a terminal
                return Math.max(n, 0);
            } catch (IOException e) {
                throw new Errno(Errno.EIO);
            }
        }

        @Override
        int write(byte[] buf, int len) throws Errno {
            if (out == null) {
                throw new Errno(Errno.EBADF);
            }
            try {
                synchronized (out) {
                    out.write(buf, 0, len);
                    out.flush();
                }
                return len;
            } catch (IOException e) {
                throw new Errno(Errno.EIO);
            }
        }

        @Override
        void seek(long pos) throws Errno {
            throw new Errno(Errno.ESPIPE);
        }

        @Override
        long length() {
            return 0;
        }

        @Override
        boolean isTty() {
            return consoleIsTty;
        }

        @Override
        boolean interactive() {
            return true;
        }
    }

    /** Read-only bytes held in memory (the features file). */
    static final class StaticFile extends GuestFile {
        private final byte[] data;
        private int pos;

        StaticFile(byte[] data) {
            this.data = data;
        }

        @Override
        synchronized int read(byte[] buf, int len) {
            int n = Math.max(0, Math.min(len, data.length - pos));
            System.arraycopy(data, pos, buf, 0, n);
            pos += n;
            return n;
        }

        @Override
        int write(byte[] buf, int len) throws Errno {
            throw new Errno(Errno.EBADF);
        }

        @Override
        synchronized void seek(long p) throws Errno {
            if (p < 0 || p > data.length) {
                throw new Errno(Errno.EINVAL);
            }
            pos = (int) p;
        }

        @Override
        long length() {
            return data.length;
        }

        @Override
        boolean isTty() {
            return false;
        }
    }

    /** A host file under the root directory. */
    static final class HostFile extends GuestFile {
        private final FileChannel ch;
        private final boolean readable;
        private final boolean writable;
        private final boolean append;

        private HostFile(FileChannel ch, boolean readable, boolean writable, boolean append) {
            this.ch = ch;
            this.readable = readable;
            this.writable = writable;
            this.append = append;
        }

        /** fopen modes: 0-3 r, rb, r+, r+b; 4-7 w, wb, w+, w+b; 8-11 a, ab, a+, a+b. */
        static HostFile open(Path p, int mode) throws Errno {
            boolean plus = (mode & 2) != 0;
            int kind = mode >> 2; // 0 read, 1 write (truncate), 2 append
            boolean readable = kind == 0 || plus;
            boolean writable = kind != 0 || plus;
            Set<StandardOpenOption> opts = EnumSet.noneOf(StandardOpenOption.class);
            if (readable) {
                opts.add(StandardOpenOption.READ);
            }
            if (writable) {
                opts.add(StandardOpenOption.WRITE);
            }
            if (kind != 0) {
                opts.add(StandardOpenOption.CREATE);
            }
            if (kind == 1) {
                opts.add(StandardOpenOption.TRUNCATE_EXISTING);
            }
            if (Files.isDirectory(p)) {
                throw new Errno(Errno.EISDIR);
            }
            try {
                // Java refuses READ together with APPEND, so appending is done by seeking to the end per write.
                return new HostFile(FileChannel.open(p, opts), readable, writable, kind == 2);
            } catch (IOException e) {
                throw errno(e);
            }
        }

        @Override
        synchronized int read(byte[] buf, int len) throws Errno {
            if (!readable) {
                throw new Errno(Errno.EBADF);
            }
            try {
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
                while (bb.hasRemaining()) {
                    if (ch.read(bb) < 0) {
                        break;
                    }
                }
                return bb.position();
            } catch (IOException e) {
                throw errno(e);
            }
        }

        @Override
        synchronized int write(byte[] buf, int len) throws Errno {
            if (!writable) {
                throw new Errno(Errno.EBADF);
            }
            try {
                if (append) {
                    ch.position(ch.size());
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                return len;
            } catch (IOException e) {
                throw errno(e);
            }
        }

        @Override
        synchronized void seek(long pos) throws Errno {
            try {
                ch.position(pos);
            } catch (IllegalArgumentException e) {
                throw new Errno(Errno.EINVAL);
            } catch (IOException e) {
                throw errno(e);
            }
        }

        @Override
        long length() throws Errno {
            try {
                return ch.size();
            } catch (IOException e) {
                throw errno(e);
            }
        }

        @Override
        boolean isTty() {
            return false;
        }

        @Override
        void close() throws Errno {
            try {
                ch.close();
            } catch (IOException e) {
                throw errno(e);
            }
        }
    }
}
