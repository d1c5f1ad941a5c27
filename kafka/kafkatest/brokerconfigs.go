package kafkatest

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/kscope/kscope/model"
)

// brokerDefaults are what every fake broker reports unless set for it.
var brokerDefaults = []model.ConfigEntry{
	{Name: "log.cleaner.threads", Value: "1", Source: "default"},
	{Name: "log.retention.ms", Value: "604800000", Source: "broker default"},
	{Name: "log.segment.bytes", Value: "1073741824", Source: "static broker"},
	{Name: "node.id", Source: "static broker", ReadOnly: true},
	{Name: "ssl.keystore.password", Source: "static broker", Sensitive: true},
}

// BrokerConfigs answers like kafka.Client.BrokerConfigs.
func (f *Fake) BrokerConfigs(_ context.Context, broker int32) ([]model.ConfigEntry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.hasBroker(broker) {
		return nil, fmt.Errorf("describe configs of broker %d: no such broker", broker)
	}
	own := f.configs[model.BrokerConfigs(broker).String()]
	var out []model.ConfigEntry
	for _, e := range brokerDefaults {
		if e.Name == "node.id" {
			e.Value = fmt.Sprint(broker)
		}
		if v, set := own[e.Name]; set {
			e.Value, e.Source = v, "broker"
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// SetBrokerConfig answers like kafka.Client.SetBrokerConfig, refusing a
// read-only config as a broker does.
func (f *Fake) SetBrokerConfig(_ context.Context, broker int32, name string, value *string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.hasBroker(broker) {
		return fmt.Errorf("set %s of broker %d: no such broker", name, broker)
	}
	if slices.ContainsFunc(brokerDefaults, func(e model.ConfigEntry) bool { return e.Name == name && e.ReadOnly }) {
		return fmt.Errorf("set %s of broker %d: cannot update it dynamically", name, broker)
	}
	key := model.BrokerConfigs(broker).String()
	if f.configs[key] == nil {
		f.configs[key] = map[string]string{}
	}
	if value == nil {
		delete(f.configs[key], name)
		return nil
	}
	f.configs[key][name] = *value
	return nil
}

func (f *Fake) hasBroker(id int32) bool {
	return slices.ContainsFunc(f.cluster.Brokers, func(b model.Broker) bool { return b.ID == id })
}
