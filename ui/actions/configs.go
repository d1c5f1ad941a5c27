package actions

import (
	"context"

	"github.com/kscope/kscope/model"
)

// setConfig sets, or with a nil value removes, one of the owner's configs.
func setConfig(ctx context.Context, w Writer, owner model.ConfigOwner, name string, value *string) error {
	if owner.IsBroker() {
		return w.SetBrokerConfig(ctx, owner.Broker, name, value)
	}
	return w.SetTopicConfig(ctx, owner.Topic, name, value)
}
