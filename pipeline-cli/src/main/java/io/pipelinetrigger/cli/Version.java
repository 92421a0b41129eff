package io.pipelinetrigger.cli;

import picocli.CommandLine;

/** The version the jar's manifest names; "dev" when run from classes. */
final class Version implements CommandLine.IVersionProvider {

    static String number() {
        return java.util.Optional.ofNullable(Version.class.getPackage().getImplementationVersion()).orElse("dev");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"pipeline-trigger CLI " + number() + " (trigger API " + Api.PATH + ")"};
    }
}
