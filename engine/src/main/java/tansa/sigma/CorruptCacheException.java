package tansa.sigma;

/** A rule cache file that fails its checks: the caller rebuilds it from the rules. */
final class CorruptCacheException extends RuntimeException {
    CorruptCacheException(String message) {
        super(message);
    }
}
