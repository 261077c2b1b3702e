package emulator

// The wire shapes of the objects the emulator serves. Field names and nullability follow
// Stripe's OpenAPI spec; pointers render as null when unset.

type address struct {
	City       *string `json:"city"`
	Country    *string `json:"country"`
	Line1      *string `json:"line1"`
	Line2      *string `json:"line2"`
	PostalCode *string `json:"postal_code"`
	State      *string `json:"state"`
}

type location struct {
	ID                     string            `json:"id"`
	Object                 string            `json:"object"`
	Address                address           `json:"address"`
	ConfigurationOverrides *string           `json:"configuration_overrides,omitempty"`
	DisplayName            string            `json:"display_name"`
	Livemode               bool              `json:"livemode"`
	Metadata               map[string]string `json:"metadata"`
	Phone                  *string           `json:"phone,omitempty"`
}

type tipping struct {
	AmountEligible *int64 `json:"amount_eligible,omitempty"`
}

type processConfig struct {
	EnableCustomerCancellation *bool    `json:"enable_customer_cancellation,omitempty"`
	ReturnURL                  *string  `json:"return_url,omitempty"`
	SkipTipping                *bool    `json:"skip_tipping,omitempty"`
	Tipping                    *tipping `json:"tipping,omitempty"`
}

type processPaymentIntentAction struct {
	PaymentIntent ref            `json:"payment_intent"`
	ProcessConfig *processConfig `json:"process_config,omitempty"`
}

type collectPaymentMethodAction struct {
	CollectConfig *processConfig `json:"collect_config,omitempty"`
	PaymentIntent ref            `json:"payment_intent"`
	PaymentMethod *paymentMethod `json:"payment_method,omitempty"`
}

type confirmPaymentIntentAction struct {
	PaymentIntent ref `json:"payment_intent"`
}

type cartLineItem struct {
	Amount      int64  `json:"amount"`
	Description string `json:"description"`
	Quantity    int64  `json:"quantity"`
}

type cart struct {
	Currency  string         `json:"currency"`
	LineItems []cartLineItem `json:"line_items"`
	Tax       *int64         `json:"tax"`
	Total     int64          `json:"total"`
}

type setReaderDisplayAction struct {
	Cart *cart  `json:"cart"`
	Type string `json:"type"`
}

// cancellationConfig is the config of refund_payment and process_setup_intent: whether
// the customer gets a cancel button.
type cancellationConfig struct {
	EnableCustomerCancellation *bool `json:"enable_customer_cancellation,omitempty"`
}

// allowed reports whether the customer may cancel.
func (c *cancellationConfig) allowed() bool {
	return c != nil && c.EnableCustomerCancellation != nil && *c.EnableCustomerCancellation
}

type refundPaymentAction struct {
	Amount               *int64              `json:"amount,omitempty"`
	Charge               *string             `json:"charge,omitempty"`
	Metadata             map[string]string   `json:"metadata,omitempty"`
	PaymentIntent        *string             `json:"payment_intent,omitempty"`
	Reason               *string             `json:"reason,omitempty"`
	Refund               *string             `json:"refund,omitempty"`
	RefundApplicationFee *bool               `json:"refund_application_fee,omitempty"`
	RefundPaymentConfig  *cancellationConfig `json:"refund_payment_config,omitempty"`
	ReverseTransfer      *bool               `json:"reverse_transfer,omitempty"`
}

type readerAction struct {
	// APIError is the error the Stripe API answered when that failed the action (a
	// decline), rendered from 2026-05-27.dahlia on (renderReader): nil is no key, a
	// pointer to nil is null.
	APIError             **apiErrorFields            `json:"api_error,omitempty"`
	CollectInputs        *collectInputsAction        `json:"collect_inputs,omitempty"`
	CollectPaymentMethod *collectPaymentMethodAction `json:"collect_payment_method,omitempty"`
	ConfirmPaymentIntent *confirmPaymentIntentAction `json:"confirm_payment_intent,omitempty"`
	FailureCode          *string                     `json:"failure_code"`
	FailureMessage       *string                     `json:"failure_message"`
	ProcessPaymentIntent *processPaymentIntentAction `json:"process_payment_intent,omitempty"`
	ProcessSetupIntent   *processSetupIntentAction   `json:"process_setup_intent,omitempty"`
	RefundPayment        *refundPaymentAction        `json:"refund_payment,omitempty"`
	SetReaderDisplay     *setReaderDisplayAction     `json:"set_reader_display,omitempty"`
	Status               string                      `json:"status"`
	Type                 string                      `json:"type"`
}

// paymentIntentID is the PaymentIntent the action works on, if any.
func (a *readerAction) paymentIntentID() string {
	switch {
	case a == nil:
		return ""
	case a.ProcessPaymentIntent != nil:
		return a.ProcessPaymentIntent.PaymentIntent.ID
	case a.CollectPaymentMethod != nil:
		return a.CollectPaymentMethod.PaymentIntent.ID
	case a.ConfirmPaymentIntent != nil:
		return a.ConfirmPaymentIntent.PaymentIntent.ID
	case a.RefundPayment != nil && a.RefundPayment.PaymentIntent != nil:
		return *a.RefundPayment.PaymentIntent
	}
	return ""
}

type reader struct {
	ID              string            `json:"id"`
	Object          string            `json:"object"`
	Action          *readerAction     `json:"action"`
	DeviceSwVersion string            `json:"device_sw_version"`
	DeviceType      string            `json:"device_type"`
	IPAddress       string            `json:"ip_address"`
	Label           string            `json:"label"`
	LastSeenAt      *int64            `json:"last_seen_at"` // milliseconds, unlike every other timestamp
	Livemode        bool              `json:"livemode"`
	Location        ref               `json:"location"`
	Metadata        map[string]string `json:"metadata"`
	SerialNumber    string            `json:"serial_number"`
	Status          *string           `json:"status"`
}

type deletedReader struct {
	ID           string `json:"id"`
	Object       string `json:"object"`
	Deleted      bool   `json:"deleted"`
	DeviceType   string `json:"device_type"`
	SerialNumber string `json:"serial_number"`
}

type tipAmount struct {
	Amount *int64 `json:"amount"`
}

type amountDetails struct {
	Tip *tipAmount `json:"tip,omitempty"`
}

type routing struct {
	RequestedPriority *string `json:"requested_priority"`
}

type cardPresentOptions struct {
	// CaptureMethod overrides the PaymentIntent's capture_method for card_present:
	// manual, or manual_preferred (manual when the card allows it).
	CaptureMethod                          string   `json:"capture_method,omitempty"`
	RequestExtendedAuthorization           bool     `json:"request_extended_authorization"`
	RequestIncrementalAuthorizationSupport bool     `json:"request_incremental_authorization_support"`
	Routing                                *routing `json:"routing,omitempty"`
}

// transferData is a destination charge's transfer, as the PaymentIntent has it.
type transferData struct {
	Amount      *int64 `json:"amount,omitempty"`
	Destination string `json:"destination"`
}

// chargeTransferData is transferData as the charge has it: amount null when the whole
// charge is transferred.
type chargeTransferData struct {
	Amount      *int64 `json:"amount"`
	Destination string `json:"destination"`
}

func (td *transferData) ofCharge() *chargeTransferData {
	if td == nil {
		return nil
	}
	return &chargeTransferData{Amount: td.Amount, Destination: td.Destination}
}

type paymentMethodOptions struct {
	CardPresent    *cardPresentOptions `json:"card_present,omitempty"`
	InteracPresent *struct{}           `json:"interac_present,omitempty"`
}

type paymentIntent struct {
	ID     string `json:"id"`
	Object string `json:"object"`
	Amount int64  `json:"amount"`
	// AllowedPaymentMethodTypes, when the request set none, is nil or, kept for an
	// account default from 2026-07-29 on (keptForm), a pointer to null; versioned
	// rendering (atVersion) shows it, as null then, from 2026-07-29 on and hides it before.
	AllowedPaymentMethodTypes         *[]string                `json:"allowed_payment_method_types,omitempty"`
	AmountCapturable                  int64                    `json:"amount_capturable"`
	AmountDetails                     *amountDetails           `json:"amount_details,omitempty"`
	AmountReceived                    int64                    `json:"amount_received"`
	Application                       *string                  `json:"application"`
	ApplicationFeeAmount              *int64                   `json:"application_fee_amount"`
	AutomaticPaymentMethods           *automaticPaymentMethods `json:"automatic_payment_methods"`
	CanceledAt                        *int64                   `json:"canceled_at"`
	CancellationReason                *string                  `json:"cancellation_reason"`
	CaptureMethod                     string                   `json:"capture_method"`
	ClientSecret                      string                   `json:"client_secret"`
	ConfirmationMethod                string                   `json:"confirmation_method"`
	Created                           int64                    `json:"created"`
	Currency                          string                   `json:"currency"`
	Customer                          *string                  `json:"customer"`
	CustomerAccount                   alwaysNull               `json:"customer_account"`
	Description                       *string                  `json:"description"`
	ExcludedPaymentMethodTypes        alwaysNull               `json:"excluded_payment_method_types"`
	Invoice                           nullIfSet                `json:"invoice,omitempty"` // null before 2025-03-31.basil (atVersion; kept as keptForm)
	LastPaymentError                  *apiErrorFields          `json:"last_payment_error"`
	LatestCharge                      ref                      `json:"latest_charge"`
	Livemode                          bool                     `json:"livemode"`
	ManagedPayments                   alwaysNull               `json:"managed_payments"`
	Metadata                          map[string]string        `json:"metadata"`
	NextAction                        *struct{}                `json:"next_action"`
	OnBehalfOf                        *string                  `json:"on_behalf_of"`
	PaymentMethod                     ref                      `json:"payment_method"`
	PaymentMethodConfigurationDetails alwaysNull               `json:"payment_method_configuration_details"`
	PaymentMethodOptions              paymentMethodOptions     `json:"payment_method_options"`
	PaymentMethodTypes                []string                 `json:"payment_method_types"`
	Processing                        *struct{}                `json:"processing"`
	ReceiptEmail                      *string                  `json:"receipt_email"`
	Review                            alwaysNull               `json:"review"`
	SetupFutureUsage                  *string                  `json:"setup_future_usage"`
	Shipping                          *struct{}                `json:"shipping"`
	StatementDescriptor               *string                  `json:"statement_descriptor"`
	StatementDescriptorSuffix         *string                  `json:"statement_descriptor_suffix"`
	Status                            string                   `json:"status"`
	TransferData                      *transferData            `json:"transfer_data"`
	TransferGroup                     *string                  `json:"transfer_group"`
}

type networks struct {
	Available []string `json:"available"`
	Preferred *string  `json:"preferred"`
}

type cardPresentPM struct {
	Brand            string     `json:"brand"`
	BrandProduct     nullIfSet  `json:"brand_product,omitempty"` // card_present only
	CardholderName   *string    `json:"cardholder_name"`
	Country          string     `json:"country"`
	ExpMonth         int64      `json:"exp_month"`
	ExpYear          int64      `json:"exp_year"`
	Fingerprint      string     `json:"fingerprint"`
	Funding          string     `json:"funding"`
	Last4            string     `json:"last4"`
	Networks         *networks  `json:"networks,omitempty"`
	Offline          nullIfSet  `json:"offline,omitempty"` // card_present only
	PreferredLocales alwaysNull `json:"preferred_locales"`
	ReadMethod       string     `json:"read_method"`
}

type billingDetails struct {
	Address address    `json:"address"`
	Email   *string    `json:"email"`
	Name    *string    `json:"name"`
	Phone   *string    `json:"phone"`
	TaxID   alwaysNull `json:"tax_id"`
}

// cardPM is payment_method.card: a card saved from a card_present payment or setup
// (generated_card), or one keyed on a reader.
type cardPM struct {
	Brand             string         `json:"brand"`
	Checks            alwaysNull     `json:"checks"`
	Country           string         `json:"country"`
	DisplayBrand      alwaysNull     `json:"display_brand"`
	ExpMonth          int64          `json:"exp_month"`
	ExpYear           int64          `json:"exp_year"`
	Fingerprint       string         `json:"fingerprint"`
	Funding           string         `json:"funding"`
	GeneratedFrom     *generatedFrom `json:"generated_from"`
	Last4             string         `json:"last4"`
	Networks          *networks      `json:"networks"`
	RegulatedStatus   alwaysNull     `json:"regulated_status"`
	ThreeDSecureUsage alwaysNull     `json:"three_d_secure_usage"`
	Wallet            alwaysNull     `json:"wallet"`
}

type generatedFrom struct {
	Charge               *string              `json:"charge"`
	PaymentMethodDetails *generatedFromDetail `json:"payment_method_details"`
	SetupAttempt         *string              `json:"setup_attempt"`
}

type generatedFromDetail struct {
	CardPresent *cardPresentDetails `json:"card_present,omitempty"`
	Type        string              `json:"type"`
}

type paymentMethod struct {
	ID              string            `json:"id"`
	Object          string            `json:"object"`
	AllowRedisplay  string            `json:"allow_redisplay,omitempty"`
	BillingDetails  billingDetails    `json:"billing_details"`
	Card            *cardPM           `json:"card,omitempty"`
	CardPresent     *cardPresentPM    `json:"card_present,omitempty"`
	Created         int64             `json:"created"`
	Customer        *string           `json:"customer"`
	CustomerAccount alwaysNull        `json:"customer_account"`
	InteracPresent  *cardPresentPM    `json:"interac_present,omitempty"`
	Livemode        bool              `json:"livemode"`
	Metadata        map[string]string `json:"metadata"`
	Type            string            `json:"type"`
}

type receipt struct {
	AccountType                  string  `json:"account_type"`
	ApplicationCryptogram        string  `json:"application_cryptogram"`
	ApplicationPreferredName     string  `json:"application_preferred_name"`
	AuthorizationCode            *string `json:"authorization_code"`
	AuthorizationResponseCode    string  `json:"authorization_response_code"`
	CardholderVerificationMethod string  `json:"cardholder_verification_method"`
	DedicatedFileName            string  `json:"dedicated_file_name"`
	TerminalVerificationResults  string  `json:"terminal_verification_results"`
	TransactionStatusInformation string  `json:"transaction_status_information"`
}

// cardPresentDetails is charge.payment_method_details.card_present (and, with fewer
// fields filled, interac_present).
type cardPresentDetails struct {
	AmountAuthorized                  *int64     `json:"amount_authorized,omitempty"`
	Brand                             string     `json:"brand"`
	BrandProduct                      nullIfSet  `json:"brand_product,omitempty"` // card_present only
	CaptureBefore                     *int64     `json:"capture_before,omitempty"`
	CardholderName                    *string    `json:"cardholder_name"`
	Country                           string     `json:"country"`
	EmvAuthData                       string     `json:"emv_auth_data"`
	ExpMonth                          int64      `json:"exp_month"`
	ExpYear                           int64      `json:"exp_year"`
	Fingerprint                       string     `json:"fingerprint"`
	Funding                           string     `json:"funding"`
	GeneratedCard                     *string    `json:"generated_card"`
	IncrementalAuthorizationSupported *bool      `json:"incremental_authorization_supported,omitempty"`
	Last4                             string     `json:"last4"`
	Location                          string     `json:"location,omitempty"`
	Network                           string     `json:"network"`
	NetworkTransactionID              alwaysNull `json:"network_transaction_id"`
	Offline                           nullIfSet  `json:"offline,omitempty"` // card_present only
	OvercaptureSupported              *bool      `json:"overcapture_supported,omitempty"`
	PreferredLocales                  alwaysNull `json:"preferred_locales"`
	ReadMethod                        string     `json:"read_method"`
	Reader                            string     `json:"reader,omitempty"`
	Receipt                           *receipt   `json:"receipt"`
}

// cardChecks are a keyed card's checks; a simulated reader's card passes its CVC check
// when one is given.
type cardChecks struct {
	AddressLine1Check      *string `json:"address_line1_check"`
	AddressPostalCodeCheck *string `json:"address_postal_code_check"`
	CvcCheck               *string `json:"cvc_check"`
}

// cardDetails is charge.payment_method_details.card: a card keyed on a reader
// (present_payment_method with type=card).
type cardDetails struct {
	AmountAuthorized     *int64      `json:"amount_authorized"`
	AuthorizationCode    *string     `json:"authorization_code"`
	Brand                string      `json:"brand"`
	CaptureBefore        *int64      `json:"capture_before,omitempty"`
	Checks               *cardChecks `json:"checks"`
	Country              string      `json:"country"`
	ExpMonth             int64       `json:"exp_month"`
	ExpYear              int64       `json:"exp_year"`
	Fingerprint          string      `json:"fingerprint"`
	Funding              string      `json:"funding"`
	Installments         alwaysNull  `json:"installments"`
	Last4                string      `json:"last4"`
	Mandate              alwaysNull  `json:"mandate"`
	Network              string      `json:"network"`
	NetworkTransactionID alwaysNull  `json:"network_transaction_id"`
	RegulatedStatus      alwaysNull  `json:"regulated_status"`
	ThreeDSecure         alwaysNull  `json:"three_d_secure"`
	TransactionLinkID    alwaysNull  `json:"transaction_link_id"`
	Wallet               alwaysNull  `json:"wallet"`
}

type paymentMethodDetails struct {
	Card           *cardDetails        `json:"card,omitempty"`
	CardPresent    *cardPresentDetails `json:"card_present,omitempty"`
	InteracPresent *cardPresentDetails `json:"interac_present,omitempty"`
	Type           string              `json:"type"`
}

type outcome struct {
	AdviceCode         alwaysNull `json:"advice_code"`
	NetworkAdviceCode  alwaysNull `json:"network_advice_code"`
	NetworkDeclineCode alwaysNull `json:"network_decline_code"`
	NetworkStatus      string     `json:"network_status"`
	Reason             *string    `json:"reason"`
	RiskLevel          string     `json:"risk_level"`
	SellerMessage      string     `json:"seller_message"`
	Type               string     `json:"type"`
}

type charge struct {
	ID                            string               `json:"id"`
	Object                        string               `json:"object"`
	Amount                        int64                `json:"amount"`
	AmountCaptured                int64                `json:"amount_captured"`
	AmountRefunded                int64                `json:"amount_refunded"`
	Application                   *string              `json:"application"`
	ApplicationFee                alwaysNull           `json:"application_fee"`
	ApplicationFeeAmount          *int64               `json:"application_fee_amount"`
	BalanceTransaction            ref                  `json:"balance_transaction"`
	BillingDetails                billingDetails       `json:"billing_details"`
	CalculatedStatementDescriptor string               `json:"calculated_statement_descriptor"`
	Captured                      bool                 `json:"captured"`
	Created                       int64                `json:"created"`
	Currency                      string               `json:"currency"`
	Customer                      *string              `json:"customer"`
	Description                   *string              `json:"description"`
	Disputed                      bool                 `json:"disputed"`
	FailureBalanceTransaction     alwaysNull           `json:"failure_balance_transaction"`
	FailureCode                   *string              `json:"failure_code"`
	FailureMessage                *string              `json:"failure_message"`
	FraudDetails                  struct{}             `json:"fraud_details"`
	Invoice                       nullIfSet            `json:"invoice,omitempty"` // null before 2025-03-31.basil (atVersion; kept as keptForm)
	Livemode                      bool                 `json:"livemode"`
	Metadata                      map[string]string    `json:"metadata"`
	OnBehalfOf                    *string              `json:"on_behalf_of"`
	Outcome                       *outcome             `json:"outcome"`
	Paid                          bool                 `json:"paid"`
	PaymentIntent                 ref                  `json:"payment_intent"`
	PaymentMethod                 *string              `json:"payment_method"`
	PaymentMethodDetails          paymentMethodDetails `json:"payment_method_details"`
	ReceiptEmail                  *string              `json:"receipt_email"`
	ReceiptNumber                 alwaysNull           `json:"receipt_number"`
	ReceiptURL                    *string              `json:"receipt_url"`
	Refunded                      bool                 `json:"refunded"`
	// Refunds is rendered only when expanded (API versions from 2022-11-15 leave it out).
	Refunds                   *listEnvelope       `json:"refunds,omitempty"`
	Review                    alwaysNull          `json:"review"`
	Shipping                  alwaysNull          `json:"shipping"`
	SourceTransfer            alwaysNull          `json:"source_transfer"`
	StatementDescriptor       *string             `json:"statement_descriptor"`
	StatementDescriptorSuffix *string             `json:"statement_descriptor_suffix"`
	Status                    string              `json:"status"`
	TransferData              *chargeTransferData `json:"transfer_data"`
	TransferGroup             *string             `json:"transfer_group"`
}

type refund struct {
	ID                        string            `json:"id"`
	Object                    string            `json:"object"`
	Amount                    int64             `json:"amount"`
	BalanceTransaction        ref               `json:"balance_transaction"`
	Charge                    ref               `json:"charge"`
	Created                   int64             `json:"created"`
	Currency                  string            `json:"currency"`
	Customer                  *string           `json:"customer"` // the charge's
	CustomerAccount           alwaysNull        `json:"customer_account"`
	FailureBalanceTransaction *ref              `json:"failure_balance_transaction,omitempty"`
	FailureReason             *string           `json:"failure_reason,omitempty"`
	Metadata                  map[string]string `json:"metadata"`
	PaymentIntent             ref               `json:"payment_intent"`
	PaymentMethod             *string           `json:"payment_method"` // the charge's
	PendingReason             *string           `json:"pending_reason,omitempty"`
	Reason                    *string           `json:"reason"`
	ReceiptNumber             alwaysNull        `json:"receipt_number"`
	SourceTransferReversal    alwaysNull        `json:"source_transfer_reversal"`
	Status                    string            `json:"status"`
	TransferReversal          alwaysNull        `json:"transfer_reversal"`
}
