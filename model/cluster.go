// Package model holds kscope's domain types and the pure logic over them:
// no terminal, no network.
package model

import (
	"net"
	"strconv"
)

// Broker is one live broker as the cluster's metadata describes it.
type Broker struct {
	ID   int32
	Host string
	Port int32
	Rack string // empty when the broker has no rack configured
}

// Addr is the broker's host:port.
func (b Broker) Addr() string {
	return net.JoinHostPort(b.Host, strconv.Itoa(int(b.Port)))
}

// Cluster is the cluster-wide metadata: who the cluster is, which broker
// controls it and which brokers are alive right now.
type Cluster struct {
	ID         string
	Controller int32 // -1 when the cluster did not say
	Brokers    []Broker
}
