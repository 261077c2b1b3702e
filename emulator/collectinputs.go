package emulator

import (
	"fmt"
	"net/http"
	"slices"
)

// collect_inputs shows forms on the reader (an email, a phone number, a signature,
// choices, ...). On a simulated reader the customer's answer comes from the test helpers
// succeed_input_collection and timeout_input_collection.

var (
	collectInputsParams   = []string{"inputs", "metadata"}
	succeedInputsParams   = []string{"skip_non_required_inputs"}
	inputTypes            = []string{"email", "numeric", "phone", "selection", "signature", "text"}
	inputFields           = []string{"type", "custom_text", "required", "selection", "toggles"}
	customTextFields      = []string{"title", "description", "submit_button", "skip_button"}
	choiceStyles          = []string{"primary", "secondary"}
	toggleValues          = []string{"enabled", "disabled"}
	msgInputsTimedOut     = "The customer did not complete the form on the reader in time."
	inputsTimedOutCode    = "collect_inputs_timed_out" // UNCERTAIN: named after the Terminal SDKs' COLLECT_INPUTS_TIMED_OUT
	simulatedInputAnswers = map[string]string{"email": "customer@example.com", "numeric": "1234", "phone": "+15555550123",
		"text": "Simulated answer"}
)

type customText struct {
	Description  *string `json:"description"`
	SkipButton   *string `json:"skip_button"`
	SubmitButton *string `json:"submit_button"`
	Title        *string `json:"title"`
}

type inputValue struct {
	Value *string `json:"value"`
}

type inputChoice struct {
	ID    *string `json:"id"`
	Style *string `json:"style"`
	Text  string  `json:"text"`
}

type inputSelection struct {
	Choices []inputChoice `json:"choices"`
	ID      *string       `json:"id"`
	Text    *string       `json:"text"`
}

type inputToggle struct {
	DefaultValue *string `json:"default_value"`
	Description  *string `json:"description"`
	Title        *string `json:"title"`
	Value        *string `json:"value"`
}

type readerInput struct {
	CustomText *customText     `json:"custom_text"`
	Email      *inputValue     `json:"email,omitempty"`
	Numeric    *inputValue     `json:"numeric,omitempty"`
	Phone      *inputValue     `json:"phone,omitempty"`
	Required   *bool           `json:"required"`
	Selection  *inputSelection `json:"selection,omitempty"`
	Signature  *inputValue     `json:"signature,omitempty"`
	Skipped    *bool           `json:"skipped,omitempty"`
	Text       *inputValue     `json:"text,omitempty"`
	Toggles    []inputToggle   `json:"toggles"`
	Type       string          `json:"type"`
}

type collectInputsAction struct {
	Inputs   []readerInput     `json:"inputs"`
	Metadata map[string]string `json:"metadata"`
}

func readInput(p params, i int) (readerInput, *apiError) {
	prefix := fmt.Sprintf("inputs[%d]", i)
	var in readerInput
	for k := range p {
		if f := subField(k, prefix); f != "" && !slices.Contains(inputFields, f) {
			return in, errUnknownParam(k)
		}
	}
	typ, ok := p.str(prefix + "[type]")
	if !ok {
		return in, errMissingParam(prefix + "[type]")
	}
	if !slices.Contains(inputTypes, typ) {
		return in, errInvalidEnum(prefix+"[type]", typ, inputTypes...)
	}
	in.Type = typ
	if err := onlyFields(p, prefix+"[custom_text]", customTextFields...); err != nil {
		return in, err
	}
	title := optStr(p, prefix+"[custom_text][title]")
	if title == nil {
		return in, errMissingParam(prefix + "[custom_text][title]")
	}
	in.CustomText = &customText{Title: title, Description: optStr(p, prefix+"[custom_text][description]"),
		SubmitButton: optStr(p, prefix+"[custom_text][submit_button]"), SkipButton: optStr(p, prefix+"[custom_text][skip_button]")}
	var err *apiError
	if in.Required, err = p.optBool(prefix + "[required]"); err != nil {
		return in, err
	}
	for _, j := range p.indexes(prefix + "[selection][choices]") {
		c := fmt.Sprintf("%s[selection][choices][%d]", prefix, j)
		text, id := optStr(p, c+"[text]"), optStr(p, c+"[id]")
		if text == nil {
			return in, errMissingParam(c + "[text]")
		}
		if id == nil {
			return in, errMissingParam(c + "[id]")
		}
		style := optStr(p, c+"[style]")
		if style != nil && !slices.Contains(choiceStyles, *style) {
			return in, errInvalidEnum(c+"[style]", *style, choiceStyles...)
		}
		if in.Selection == nil {
			in.Selection = &inputSelection{}
		}
		in.Selection.Choices = append(in.Selection.Choices, inputChoice{ID: id, Style: style, Text: *text})
	}
	if typ == "selection" && in.Selection == nil {
		return in, errMissingParam(prefix + "[selection][choices]")
	}
	if typ != "selection" && in.Selection != nil {
		return in, validationError("", prefix+"[selection]", "selection can only be given for an input of type selection.")
	}
	for _, j := range p.indexes(prefix + "[toggles]") {
		t := fmt.Sprintf("%s[toggles][%d]", prefix, j)
		def := optStr(p, t+"[default_value]")
		if def != nil && !slices.Contains(toggleValues, *def) {
			return in, errInvalidEnum(t+"[default_value]", *def, toggleValues...)
		}
		in.Toggles = append(in.Toggles, inputToggle{DefaultValue: def, Description: optStr(p, t+"[description]"), Title: optStr(p, t+"[title]")})
	}
	return in, nil
}

func (x *txn) collectInputs() (any, error) {
	rec, err := x.reader(x.pathValue("reader"), "reader")
	if err != nil {
		return nil, err
	}
	idx := x.p.indexes("inputs")
	if len(idx) == 0 {
		return nil, errMissingParam("inputs")
	}
	var inputs []readerInput
	for _, i := range idx {
		in, err := readInput(x.p, i)
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, in)
	}
	md, _, err := readMetadata(x.p)
	if err != nil {
		return nil, err
	}
	if err := x.readyForCommand(rec); err != nil {
		return nil, err
	}
	x.releaseCollected(rec)
	rec.Obj.Action = &readerAction{Type: "collect_inputs", Status: "in_progress",
		CollectInputs: &collectInputsAction{Inputs: inputs, Metadata: md}}
	return x.renderReader(rec), nil
}

// inputsInProgress is the reader's collect_inputs action waiting for the customer.
func (x *txn) inputsInProgress() (*readerRec, *apiError) {
	rec, err := x.reader(x.pathValue("reader"), "reader")
	if err != nil {
		return nil, err
	}
	if err := x.readyForCommand(rec); err != nil {
		return nil, err
	}
	if a := rec.Obj.Action; a == nil || a.Type != "collect_inputs" || a.Status != "in_progress" {
		return nil, invalidRequest(http.StatusBadRequest, "", "",
			"Reader %s has no input collection in progress: call collect_inputs first.", rec.Obj.ID)
	}
	return rec, nil
}

// succeedInputCollection is the customer filling in the forms: every input gets a
// simulated answer, or with skip_non_required_inputs=all the optional ones are skipped.
func (x *txn) succeedInputCollection() (any, error) {
	skip, _ := x.p.str("skip_non_required_inputs")
	if skip != "" && skip != "all" && skip != "none" {
		return nil, errInvalidEnum("skip_non_required_inputs", skip, "all", "none")
	}
	rec, err := x.inputsInProgress()
	if err != nil {
		return nil, err
	}
	a := rec.Obj.Action.CollectInputs
	for i := range a.Inputs {
		in := &a.Inputs[i]
		required := in.Required != nil && *in.Required
		in.Skipped = boolPtr(skip == "all" && !required)
		for j := range in.Toggles {
			t := &in.Toggles[j]
			t.Value = t.DefaultValue
			if t.Value == nil {
				t.Value = strPtr("disabled")
			}
		}
		if *in.Skipped {
			continue
		}
		answer := &inputValue{Value: strPtr(simulatedInputAnswers[in.Type])}
		switch in.Type {
		case "email":
			in.Email = answer
		case "numeric":
			in.Numeric = answer
		case "phone":
			in.Phone = answer
		case "text":
			in.Text = answer
		case "signature":
			in.Signature = &inputValue{Value: strPtr("file_" + digest(rec.Obj.ID+x.reqID, 24))}
		case "selection":
			first := in.Selection.Choices[0]
			in.Selection.ID, in.Selection.Text = first.ID, &first.Text
		}
	}
	x.succeedAction(rec)
	return x.renderReader(rec), nil
}

// timeoutInputCollection is the customer walking away from the forms.
func (x *txn) timeoutInputCollection() (any, error) {
	rec, err := x.inputsInProgress()
	if err != nil {
		return nil, err
	}
	x.failAction(rec, inputsTimedOutCode, msgInputsTimedOut)
	return x.renderReader(rec), nil
}
