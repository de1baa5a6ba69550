package io.salesactivitysync.sandbox.salesforce.camel;

import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;

/** An Account DTO: only Name, which the base class already carries. */
public class Account extends AbstractDescribedSObjectBase {

    public Account() {
        getAttributes().setType("Account");
    }

    public static Account named(String name) {
        Account account = new Account();
        account.setName(name);
        return account;
    }

    @Override
    public SObjectDescription description() {
        SObjectDescription description = new SObjectDescription();
        description.setName("Account");
        description.setLabel("Account");
        description.setLabelPlural("Accounts");
        return description;
    }
}
