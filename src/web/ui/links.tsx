import { forwardRef } from "react";
import { Anchor, Button, NavLink, type AnchorProps, type ButtonProps, type NavLinkProps } from "@mantine/core";
import { createLink, type LinkComponent } from "@tanstack/react-router";

// Mantine components rendered as TanStack Router links (typed `to`/`params`, client-side navigation).
type AnchorBase = Omit<AnchorProps, "href"> & React.AnchorHTMLAttributes<HTMLAnchorElement>;
const AnchorBaseComponent = forwardRef<HTMLAnchorElement, AnchorBase>((props, ref) => <Anchor ref={ref} {...props} />);
const CreatedAnchor = createLink(AnchorBaseComponent);
export const AnchorLink: LinkComponent<typeof AnchorBaseComponent> = (props) => <CreatedAnchor preload="intent" {...props} />;

type NavBase = Omit<NavLinkProps, "href"> & Omit<React.AnchorHTMLAttributes<HTMLAnchorElement>, "color" | "style">;
// createLink marks the current route with data-status="active"; Mantine highlights through `active`.
const NavBaseComponent = forwardRef<HTMLAnchorElement, NavBase>((props, ref) => (
  <NavLink ref={ref} component="a" active={(props as Record<string, unknown>)["data-status"] === "active"} {...props} />
));
const CreatedNav = createLink(NavBaseComponent);
export const NavLinkRouter: LinkComponent<typeof NavBaseComponent> = (props) => <CreatedNav preload="intent" {...props} />;

type ButtonBase = Omit<ButtonProps, "href"> & Omit<React.AnchorHTMLAttributes<HTMLAnchorElement>, "color" | "style">;
const ButtonBaseComponent = forwardRef<HTMLAnchorElement, ButtonBase>((props, ref) => <Button ref={ref} component="a" {...props} />);
const CreatedButton = createLink(ButtonBaseComponent);
export const ButtonLink: LinkComponent<typeof ButtonBaseComponent> = (props) => <CreatedButton preload="intent" {...props} />;
