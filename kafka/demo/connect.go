package demo

import (
	"net"
	"net/http"
	"strconv"

	"github.com/kscope/kscope/connect/connecttest"
	"github.com/kscope/kscope/model"
)

// demoConnectors are the demo's Kafka Connect connectors, named as the
// demo's: a sink running, one whose task failed (with the trace a worker
// gives), and a source paused.
func demoConnectors() []model.Connector {
	return []model.Connector{
		{Name: "demo-orders-to-warehouse", Type: "sink", State: "RUNNING", Worker: "demo-worker-1:8083", Topics: []string{"orders"},
			Config: map[string]string{"connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector", "topics": "orders", "tasks.max": "2",
				"connection.url": "jdbc:postgresql://warehouse.demo:5432/shop", "connection.user": "loader", "connection.password": "demo-secret"},
			Tasks: []model.ConnectorTask{{ID: 0, State: "RUNNING", Worker: "demo-worker-1:8083"}, {ID: 1, State: "RUNNING", Worker: "demo-worker-2:8083"}}},
		{Name: "demo-payments-to-s3", Type: "sink", State: "RUNNING", Worker: "demo-worker-2:8083", Topics: []string{"payments"},
			Config: map[string]string{"connector.class": "io.confluent.connect.s3.S3SinkConnector", "topics": "payments", "s3.bucket.name": "demo-payments",
				"aws.secret.access.key": "demo-secret", "tasks.max": "1"},
			Tasks: []model.ConnectorTask{{ID: 0, State: "FAILED", Worker: "demo-worker-2:8083",
				Trace: "org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask due to unrecoverable exception.\n\tat org.apache.kafka.connect.runtime.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:636)\nCaused by: software.amazon.awssdk.services.s3.model.S3Exception: Access Denied (Service: S3, Status Code: 403)\n\tat software.amazon.awssdk.core.internal.http.CombinedResponseHandler.handleErrorResponse(CombinedResponseHandler.java:125)"}}},
		{Name: "demo-inventory-cdc", Type: "source", State: "PAUSED", Worker: "demo-worker-1:8083", Topics: []string{"inventory.updates"},
			Config: map[string]string{"connector.class": "io.debezium.connector.postgresql.PostgresConnector", "database.hostname": "inventory.demo",
				"database.password": "demo-secret", "topic.prefix": "inventory"},
			Tasks: []model.ConnectorTask{{ID: 0, State: "PAUSED", Worker: "demo-worker-1:8083"}}},
	}
}

// startConnect serves the demo's Connect worker on host, on a port of its
// own.
func startConnect(host, advertise string, port int) (*http.Server, string, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
	if err != nil {
		return nil, "", err
	}
	_, actual, _ := net.SplitHostPort(l.Addr().String())
	return connecttest.New(demoConnectors()...).Serve(l), "http://" + net.JoinHostPort(advertise, actual), nil
}
