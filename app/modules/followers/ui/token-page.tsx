/**
 * The page behind a link in a follower's e-mail (confirm, unsubscribe): what the link does, a
 * button that does it (a GET never acts, so mail link scanners change nothing), and the way back.
 */
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function TokenPage(props: {
  heading: string;
  body: string;
  /** Shown while there is something to do; the answer after a POST is announced. */
  button: string | null;
  answered: boolean;
  consultation: { slug: string } | null;
}) {
  const { t } = useTranslation("follow");
  const navigation = useNavigation();
  return (
    <div className="page narrow follow-page">
      <div className="form-card">
        <h1>{props.heading}</h1>
        <p className="lead" role={props.answered ? "status" : undefined}>
          {props.body}
        </p>
        {props.button ? (
          <Form method="post">
            <button type="submit" className="button" disabled={navigation.state !== "idle"}>
              {props.button}
            </button>
          </Form>
        ) : null}
        <p className="link-row">
          {props.consultation ? <Link to={`/c/${props.consultation.slug}`}>{t("links.consultation")}</Link> : null}
          <Link to="/">{t("links.all")}</Link>
        </p>
      </div>
    </div>
  );
}
