package com.trustwatch.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Ed25519 key pair checkpoints are signed with (the JDK's own implementation). Read from a small
 * text file ({@code private:} PKCS#8 and {@code public:} X.509, both base64); when the file does not
 * exist it is created, readable by the owner only. The public half may be published: with it anyone
 * can check a checkpoint's signature; only the private half signs.
 */
final class CheckpointKey {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointKey.class);
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the key in {@code file}, creating it first if there is none. */
    static CheckpointKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit checkpoint key " + file.toAbsolutePath(), e);
        }
    }

    private static void create(Path file) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make Ed25519 keys", e);
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        String text = "# Trustwatch audit checkpoint key (Ed25519). Keep it secret and back it up apart from the\n"
                + "# database: whoever holds it can sign checkpoints. The public line may be shared with auditors.\n"
                + "private: " + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                + "public: " + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n";
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException anotherInstanceWasFirst) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the folder's own protection applies
        }
        LOG.info("Generated the audit checkpoint key {} (back it up apart from the database)", file.toAbsolutePath());
    }

    private static CheckpointKey load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, String> values = lines.stream().map(String::strip)
                .filter(l -> !l.startsWith("#") && l.contains(":"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')).strip(),
                        l -> l.substring(l.indexOf(':') + 1).strip(), (a, b) -> b));
        try {
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            PrivateKey priv = keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(values.get("private"))));
            PublicKey pub = keys.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(values.get("public"))));
            CheckpointKey key = new CheckpointKey(priv, pub);
            byte[] probe = "probe".getBytes(StandardCharsets.UTF_8);
            if (!key.verify(probe, key.sign(probe))) {
                throw new IllegalStateException("the audit checkpoint key " + file.toAbsolutePath()
                        + " holds a private and a public key that do not belong together");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("the audit checkpoint key " + file.toAbsolutePath()
                    + " is not readable: it needs a 'private:' and a 'public:' line (delete it to have a new one made,"
                    + " which makes older checkpoints unverifiable)", e);
        }
    }

    byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean verify(byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The public key, base64 X.509, for auditors who check signatures themselves. */
    String publicKey() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }
}
