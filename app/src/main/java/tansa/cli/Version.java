package tansa.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar manifest. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"tansa " + (v == null ? "dev" : v)};
    }
}
