package io.mttcgj.experiments.campaign;

/** A campaign configuration that cannot run; the message names the key and says what is wrong. */
public final class CampaignConfigException extends Exception {
    public CampaignConfigException(String message) {
        super(message);
    }
}
