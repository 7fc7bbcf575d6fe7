package io.mttcgj.experiments.cluster;

/**
 * Marker for the messages that travel between cluster nodes. The cluster configuration binds it to
 * Pekko's Jackson CBOR serializer, so Java serialization is never used on the wire.
 */
public interface ClusterSerializable {
}
