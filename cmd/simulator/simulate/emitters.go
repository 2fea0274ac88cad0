package simulate

import (
	"context"

	sc "github.com/producttelemetry/collector/semconv"
)

// emitFunc sends one planned event through its typed semconv emitter method, taking the
// property values from v.
type emitFunc func(ctx context.Context, e *sc.Emitter, v values)

// values holds the raw property values of one simulated event by attribute key.
type values map[string]any

func (v values) str(key string) string    { s, _ := v[key].(string); return s }
func (v values) num(key string) int64     { n, _ := v[key].(int64); return n }
func (v values) real(key string) float64  { f, _ := v[key].(float64); return f }
func (v values) flag(key string) bool     { b, _ := v[key].(bool); return b }
func (v values) list(key string) []string { l, _ := v[key].([]string); return l }

// bare adapts the emitter method of an event without properties.
func bare(method func(*sc.Emitter, context.Context)) emitFunc {
	return func(ctx context.Context, e *sc.Emitter, _ values) { method(e, ctx) }
}

// emitters maps every planned event name to the emitter method that sends it.
var emitters = map[string]emitFunc{
	sc.EventMessageAnnotated: func(ctx context.Context, e *sc.Emitter, v values) {
		e.MessageAnnotated(ctx, sc.MessageAnnotatedProperties{
			MessageAnnotatedFrom: sc.MessageAnnotatedFrom(v.str(sc.AttrMessageAnnotatedFrom))})
	},
	sc.EventMessageReceived: func(ctx context.Context, e *sc.Emitter, v values) {
		e.MessageReceived(ctx, sc.MessageReceivedProperties{
			Username: v.str(sc.AttrUsername), MessageChannel: v.str(sc.AttrMessageChannel)})
	},
	sc.EventConversationTagged: func(ctx context.Context, e *sc.Emitter, v values) {
		e.ConversationTagged(ctx, sc.ConversationTaggedProperties{Count: v.num(sc.AttrCount)})
	},
	sc.EventStoryCreated: func(ctx context.Context, e *sc.Emitter, v values) {
		e.StoryCreated(ctx, sc.StoryCreatedProperties{
			StoryCreatedFrom: sc.StoryCreatedFrom(v.str(sc.AttrStoryCreatedFrom))})
	},
	sc.EventMessageTagged: func(ctx context.Context, e *sc.Emitter, v values) {
		e.MessageTagged(ctx, sc.MessageTaggedProperties{Count: v.num(sc.AttrCount)})
	},
	sc.EventModelTrainingFailed: func(ctx context.Context, e *sc.Emitter, v values) {
		e.ModelTrainingFailed(ctx, sc.ModelTrainingFailedProperties{
			RasaOpenSource: v.str(sc.AttrRasaOpenSource), TotalTrainingTime: v.real(sc.AttrTotalTrainingTime)})
	},
	sc.EventRepositoryCreated: func(ctx context.Context, e *sc.Emitter, v values) {
		e.RepositoryCreated(ctx, sc.RepositoryCreatedProperties{
			Branch: v.str(sc.AttrBranch), CreatedWithUI: v.str(sc.AttrCreatedWithUI)})
	},
	sc.EventGitChangesPushed: func(ctx context.Context, e *sc.Emitter, v values) {
		e.GitChangesPushed(ctx, sc.GitChangesPushedProperties{Branch: v.str(sc.AttrBranch)})
	},
	sc.EventServerXStart: func(ctx context.Context, e *sc.Emitter, v values) {
		e.ServerXStart(ctx, sc.ServerXStartProperties{QuickInstall: v.flag(sc.AttrQuickInstall)})
	},
	sc.EventEndToEndTestCreated: func(ctx context.Context, e *sc.Emitter, v values) {
		e.EndToEndTestCreated(ctx, sc.EndToEndTestCreatedProperties{
			E2eTestCreatedFrom: sc.E2eTestCreatedFrom(v.str(sc.AttrE2eTestCreatedFrom))})
	},
	sc.EventStatus: emitStatus,
	sc.EventConversationsImported: func(ctx context.Context, e *sc.Emitter, v values) {
		e.ConversationsImported(ctx, sc.ConversationsImportedProperties{ProcessID: v.str(sc.AttrProcessID)})
	},
	sc.EventFeatureFlagUpdated: func(ctx context.Context, e *sc.Emitter, v values) {
		e.FeatureFlagUpdated(ctx, sc.FeatureFlagUpdatedProperties{
			Name: v.str(sc.AttrName), Enabled: v.flag(sc.AttrEnabled)})
	},

	sc.EventMessageFlagged:                    bare((*sc.Emitter).MessageFlagged),
	sc.EventConversationReviewed:              bare((*sc.Emitter).ConversationReviewed),
	sc.EventConversationSavedForLater:         bare((*sc.Emitter).ConversationSavedForLater),
	sc.EventUndoConversationReviewed:          bare((*sc.Emitter).UndoConversationReviewed),
	sc.EventUndoConversationSavedForLater:     bare((*sc.Emitter).UndoConversationSavedForLater),
	sc.EventConversationDeleted:               bare((*sc.Emitter).ConversationDeleted),
	sc.EventViewConversationsLoaded:           bare((*sc.Emitter).ViewConversationsLoaded),
	sc.EventViewConversationsFiltersApply:     bare((*sc.Emitter).ViewConversationsFiltersApply),
	sc.EventViewConversationsFiltersReset:     bare((*sc.Emitter).ViewConversationsFiltersReset),
	sc.EventViewConversationsFiltersApplyDate: bare((*sc.Emitter).ViewConversationsFiltersApplyDate),
	sc.EventEntityConversationSelected:        bare((*sc.Emitter).EntityConversationSelected),
	sc.EventEntityAnnotationCorrected:         bare((*sc.Emitter).EntityAnnotationCorrected),
	sc.EventEntitySlotsCopied:                 bare((*sc.Emitter).EntitySlotsCopied),
	sc.EventEntityStoryCopied:                 bare((*sc.Emitter).EntityStoryCopied),
	sc.EventEntityE2eStoryCopied:              bare((*sc.Emitter).EntityE2eStoryCopied),
	sc.EventEntityE2eStoryOpened:              bare((*sc.Emitter).EntityE2eStoryOpened),
	sc.EventEntityStoryCopiedToIl:             bare((*sc.Emitter).EntityStoryCopiedToIl),
	sc.EventEntityEventSelected:               bare((*sc.Emitter).EntityEventSelected),
	sc.EventEntityEventFlagged:                bare((*sc.Emitter).EntityEventFlagged),
	sc.EventEntityEventUnflagged:              bare((*sc.Emitter).EntityEventUnflagged),
	sc.EventActionsShareBotShow:               bare((*sc.Emitter).ActionsShareBotShow),
	sc.EventViewInteractiveLoaded:             bare((*sc.Emitter).ViewInteractiveLoaded),
	sc.EventViewStoriesLoaded:                 bare((*sc.Emitter).ViewStoriesLoaded),
	sc.EventViewSuggestionsLoaded:             bare((*sc.Emitter).ViewSuggestionsLoaded),
	sc.EventViewRegexLookupLoaded:             bare((*sc.Emitter).ViewRegexLookupLoaded),
	sc.EventViewSynonymsLoaded:                bare((*sc.Emitter).ViewSynonymsLoaded),
	sc.EventViewResponsesLoaded:               bare((*sc.Emitter).ViewResponsesLoaded),
	sc.EventViewConfigLoaded:                  bare((*sc.Emitter).ViewConfigLoaded),
	sc.EventViewDomainLoaded:                  bare((*sc.Emitter).ViewDomainLoaded),
	sc.EventModelTrained:                      bare((*sc.Emitter).ModelTrained),
	sc.EventModelUploaded:                     bare((*sc.Emitter).ModelUploaded),
	sc.EventModelPromoted:                     bare((*sc.Emitter).ModelPromoted),
	sc.EventViewModelsLoaded:                  bare((*sc.Emitter).ViewModelsLoaded),
	sc.EventViewUsersLoaded:                   bare((*sc.Emitter).ViewUsersLoaded),
	sc.EventViewRolesLoaded:                   bare((*sc.Emitter).ViewRolesLoaded),
}

// emitStatus sends the hourly Status heartbeat.
func emitStatus(ctx context.Context, e *sc.Emitter, v values) {
	e.Status(ctx, sc.StatusProperties{
		Project:                     v.str(sc.AttrProject),
		LocalMode:                   v.flag(sc.AttrLocalMode),
		RasaX:                       v.str(sc.AttrRasaX),
		RasaOpenSource:              v.str(sc.AttrRasaOpenSource),
		NumIntentExamples:           v.num(sc.AttrNumIntentExamples),
		NumEntityExamples:           v.num(sc.AttrNumEntityExamples),
		NumActions:                  v.num(sc.AttrNumActions),
		NumTemplates:                v.num(sc.AttrNumTemplates),
		NumSlots:                    v.num(sc.AttrNumSlots),
		NumForms:                    v.num(sc.AttrNumForms),
		NumIntents:                  v.num(sc.AttrNumIntents),
		NumEntities:                 v.num(sc.AttrNumEntities),
		NumStories:                  v.num(sc.AttrNumStories),
		NumConversations:            v.num(sc.AttrNumConversations),
		NumEvents:                   v.num(sc.AttrNumEvents),
		NumModels:                   v.num(sc.AttrNumModels),
		NumLookupTableFiles:         v.num(sc.AttrNumLookupTableFiles),
		NumLookupTableEntries:       v.num(sc.AttrNumLookupTableEntries),
		NumSynonyms:                 v.num(sc.AttrNumSynonyms),
		NumRegexes:                  v.num(sc.AttrNumRegexes),
		NumEnvironments:             v.num(sc.AttrNumEnvironments),
		EnvironmentNames:            v.list(sc.AttrEnvironmentNames),
		NumLiveEnvironments:         v.num(sc.AttrNumLiveEnvironments),
		UptimeSeconds:               v.real(sc.AttrUptimeSeconds),
		NumTags:                     v.num(sc.AttrNumTags),
		NumConversationsWithTags:    v.num(sc.AttrNumConversationsWithTags),
		NumNLUInboxMessagesWithTags: v.num(sc.AttrNumNLUInboxMessagesWithTags),
		NumE2eTests:                 v.num(sc.AttrNumE2eTests),
	})
}
